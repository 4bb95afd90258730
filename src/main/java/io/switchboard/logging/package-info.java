/**
 * Log output: personal data (emails, phone numbers, card numbers) masked in every log line, whichever format the
 * console writes (plain text, or Spring Boot's structured JSON: ECS, Logstash, GELF).
 */
package io.switchboard.logging;

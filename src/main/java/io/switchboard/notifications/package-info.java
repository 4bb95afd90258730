/**
 * Notification emails: the domain events a customer is told about by email (a ticket opened for them, their order
 * shipped), one email per event however often it arrives, from a template per event type, sent through camel-mail
 * to an SMTP server by the job {@code notification}, unless the customer said no to notifications.
 */
package io.switchboard.notifications;

/**
 * What the hub keeps about customers, and how: conversation events sealed at rest ({@link
 * io.switchboard.privacy.FieldCipher}), consent and its history, the record of what was logged to the CRM, and the
 * retention of the hub's own records, purged on one instance at a time.
 */
package io.switchboard.privacy;

package io.switchboard.notifications;

/**
 * Where an embedded SMTP server listens, when the run has one (the local profile's GreenMail): it is used instead of
 * {@code switchboard.notifications.mail.host} and {@code .port}.
 */
public record MailServer(String host, int port) {
}

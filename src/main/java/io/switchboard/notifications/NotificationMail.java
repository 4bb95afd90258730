package io.switchboard.notifications;

import io.switchboard.notifications.NotificationProperties.Mail;
import io.switchboard.notifications.NotificationProperties.Tls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The camel-mail endpoint the notification job sends to ({@code toD: "${bean:notificationMail.uri}"}), made once from
 * {@code switchboard.notifications.mail.*}: {@code smtp://host:port} or {@code smtps://}, the login when there is one
 * (the password RAW, and masked in Camel's logs), STARTTLS required when asked for.
 */
@Component("notificationMail")
public class NotificationMail {

    private final String uri;

    public NotificationMail(NotificationProperties settings, ObjectProvider<MailServer> embedded) {
        this.uri = settings.enabled() ? endpoint(settings.mail(), embedded.getIfAvailable()) : "log:notifications-disabled";
    }

    public String uri() {
        return uri;
    }

    static String endpoint(Mail mail, MailServer embedded) {
        String host = embedded != null ? embedded.host() : mail.host();
        int port = embedded != null ? embedded.port() : mail.port();
        if (host == null || host.isBlank()) {
            throw new IllegalStateException("switchboard.notifications.mail.host is required while notifications are on");
        }
        StringBuilder uri = new StringBuilder(mail.tls() == Tls.SMTPS ? "smtps://" : "smtp://")
                .append(host).append(':').append(port)
                .append("?connectionTimeout=").append(mail.timeout().toMillis())
                .append("&mail.smtp.timeout=").append(mail.timeout().toMillis());
        if (mail.username() != null && !mail.username().isBlank()) {
            uri.append("&username=RAW(").append(mail.username()).append(")&password=RAW(")
                    .append(mail.password() == null ? "" : mail.password()).append(')');
        }
        if (mail.tls() == Tls.STARTTLS) {
            uri.append("&mail.smtp.starttls.enable=true&mail.smtp.starttls.required=true");
        }
        return uri.toString();
    }
}

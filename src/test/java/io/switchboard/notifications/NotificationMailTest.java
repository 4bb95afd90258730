package io.switchboard.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.notifications.NotificationProperties.Mail;
import io.switchboard.notifications.NotificationProperties.Tls;
import java.time.Duration;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The SMTP settings as camel-mail takes them: TLS modes, the login, and STARTTLS reaching JavaMail. */
class NotificationMailTest {

    @Test
    void startTlsIsRequiredAndTheLoginPassedRaw() throws Exception {
        String uri = NotificationMail.endpoint(new Mail("smtp.example.com", 587, "hub", "p&ss+word", "a@example.com",
                Tls.STARTTLS, Duration.ofSeconds(7)), null);

        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            MailEndpoint endpoint = camel.getEndpoint(uri, MailEndpoint.class);

            assertThat(endpoint.getConfiguration().getProtocol()).isEqualTo("smtp");
            assertThat(endpoint.getConfiguration().getHost()).isEqualTo("smtp.example.com");
            assertThat(endpoint.getConfiguration().getPort()).isEqualTo(587);
            assertThat(endpoint.getConfiguration().getUsername()).isEqualTo("hub");
            assertThat(endpoint.getConfiguration().getPassword()).isEqualTo("p&ss+word");
            assertThat(endpoint.getConfiguration().getConnectionTimeout()).isEqualTo(7000);
            assertThat(endpoint.getConfiguration().getAdditionalJavaMailProperties())
                    .containsEntry("mail.smtp.starttls.enable", "true")
                    .containsEntry("mail.smtp.starttls.required", "true");
        }
    }

    @Test
    void smtpsAndNoLoginAndTheEmbeddedServerFirst() {
        Mail smtps = new Mail("smtp.example.com", 465, "", null, "a@example.com", Tls.SMTPS, Duration.ofSeconds(10));

        assertThat(NotificationMail.endpoint(smtps, null)).startsWith("smtps://smtp.example.com:465?")
                .doesNotContain("username", "starttls");
        assertThat(NotificationMail.endpoint(smtps, new MailServer("127.0.0.1", 3025)))
                .startsWith("smtps://127.0.0.1:3025?");
        assertThatThrownBy(() -> NotificationMail.endpoint(new Mail(null, 587, null, null, null, Tls.NONE,
                Duration.ofSeconds(1)), null)).hasMessageContaining("switchboard.notifications.mail.host");
    }
}

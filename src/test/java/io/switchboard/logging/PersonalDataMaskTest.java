package io.switchboard.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;

/** Emails, phone numbers and Luhn-valid card numbers are masked; order numbers, dates and ids are not. */
class PersonalDataMaskTest {

    @Test
    void masksEmailsKeepingTheDomain() {
        assertThat(PersonalDataMask.mask("lookup of jane.doe+shop@example.co.uk failed"))
                .isEqualTo("lookup of ***@example.co.uk failed");
    }

    @Test
    void masksPhoneNumbersInInternationalAndNorthAmericanForm() {
        assertThat(PersonalDataMask.mask("call +49 30 1234567 now")).isEqualTo("call ***phone*** now");
        assertThat(PersonalDataMask.mask("call +1-555-123-4567")).isEqualTo("call ***phone***");
        assertThat(PersonalDataMask.mask("call (555) 123-4567 or 555.123.4567"))
                .isEqualTo("call ***phone*** or ***phone***");
    }

    @Test
    void masksCardNumbersThatPassTheLuhnCheckOnly() {
        assertThat(PersonalDataMask.mask("card 4111 1111 1111 1111 declined")).isEqualTo("card ****1111 declined");
        assertThat(PersonalDataMask.mask("card 5500-0000-0000-0004")).isEqualTo("card ****0004");
        assertThat(PersonalDataMask.mask("card 378282246310005")).isEqualTo("card ****0005");
        assertThat(PersonalDataMask.mask("not a card 4111111111111112")).isEqualTo("not a card 4111111111111112");
    }

    @Test
    void leavesOrderNumbersDatesTimestampsAndIdsAlone() {
        String line = "order 1001 at 2026-12-03T06:13:08Z, epoch 1795500000000, id 207119551, evt_9f1c-11aa, 10.0.0.1";
        assertThat(PersonalDataMask.mask(line)).isEqualTo(line);
    }

    @Test
    void theAppendersOfTheRootLoggerWriteMaskedLines() {
        LoggerContext context = new LoggerContext();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> written = new ListAppender<>();
        written.setContext(context);
        written.start();
        root.addAppender(written);

        LogMasking.install(root);
        LogMasking.install(root);   // again, as a second application context would: still one mask
        root.info("customer {} paid with {}", "jane@example.com", "4111111111111111");

        assertThat(written.list).singleElement().satisfies(event -> {
            assertThat(event.getFormattedMessage()).isEqualTo("customer ***@example.com paid with ****1111");
            assertThat(event.getArgumentArray()).isNull();
        });
    }
}

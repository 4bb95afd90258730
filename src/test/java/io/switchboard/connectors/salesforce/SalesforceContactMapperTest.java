package io.switchboard.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.errors.ApiException;
import io.switchboard.errors.ErrorCode;
import io.switchboard.model.Customer;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Salesforce Contacts from the sandbox's fixture files to the canonical Customer. */
class SalesforceContactMapperTest {

    private static final String INSTANCE = "https://acme.my.salesforce.com";

    private final SalesforceContactMapper mapper = new SalesforceContactMapper(new ObjectMapper(),
            SalesforcePropertiesFixture.with("Tier__c", "Language__c", ""));

    @Test
    void aContactRecordIsTheCanonicalCustomer() throws Exception {
        Customer customer = mapper.fromRecord(fixture("sobjects/contact-003Dp000001BobNAAS.json"), INSTANCE,
                "003Dp000001BobNAAS");

        assertThat(customer).isEqualTo(new Customer("003Dp000001BobNAAS", "Bob Norman", "bob.norman@hostmail.com",
                "555-625-1199", null, "en-us", INSTANCE + "/lightning/r/Contact/003Dp000001BobNAAS/view",
                Instant.parse("2026-11-20T16:50:06.678Z")));
    }

    @Test
    void aQueryAnswersItsFirstRecordOrNotFound() throws Exception {
        assertThat(mapper.fromQuery(fixture("query/contacts-bob.json"), INSTANCE).email())
                .isEqualTo("bob.norman@hostmail.com");
        assertThatThrownBy(() -> mapper.fromQuery(fixture("query/none.json"), INSTANCE))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void theTierFieldTheMobileAndTheNameFromItsParts() throws Exception {
        String contact = fixture("sobjects/contact-003Dp000001BobNAAS.json")
                .replace("\"Tier__c\": null", "\"Tier__c\": \"Gold\"")
                .replace("\"Phone\": \"555-625-1199\"", "\"Phone\": null")
                .replace("\"MobilePhone\": null", "\"MobilePhone\": \"555-000-0001\"")
                .replace("\"Name\": \"Bob Norman\",", "");

        Customer customer = mapper.fromRecord(contact, INSTANCE, "003Dp000001BobNAAS");

        assertThat(customer.tier()).isEqualTo("Gold");
        assertThat(customer.phone()).isEqualTo("555-000-0001");
        assertThat(customer.name()).isEqualTo("Bob Norman");
    }

    @Test
    void fieldsTheOrgDoesNotHaveAreNeitherAskedForNorRead() throws Exception {
        SalesforceContactMapper standardOnly = new SalesforceContactMapper(new ObjectMapper(),
                SalesforcePropertiesFixture.with("", "", ""));

        assertThat(standardOnly.fields()).isEqualTo("Id,Name,FirstName,LastName,Email,Phone,MobilePhone,LastModifiedDate");
        assertThat(mapper.fields()).endsWith(",LastModifiedDate,Tier__c,Language__c");
        Customer customer = standardOnly.fromRecord(fixture("sobjects/contact-003Dp000001BobNAAS.json"), INSTANCE, "x");
        assertThat(customer.locale()).isNull();
    }

    @Test
    void noRecordIsNotFoundAndAnUnreadableOneIsAnUpstreamFailure() {
        assertThatThrownBy(() -> mapper.fromRecord(null, INSTANCE, "003Dp000009ZZZZAAA"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> mapper.fromRecord("{\"Id\": ", INSTANCE, "x"))
                .isInstanceOf(UnreadableUpstreamResponse.class);
        assertThatThrownBy(() -> mapper.fromRecord("[]", INSTANCE, "x")).isInstanceOf(UnreadableUpstreamResponse.class);
        assertThatThrownBy(() -> mapper.fromRecord("{\"Name\":\"no id\"}", INSTANCE, "x"))
                .isInstanceOf(UnreadableUpstreamResponse.class);
        assertThatThrownBy(() -> mapper.fromQuery("{\"totalSize\":1}", INSTANCE))
                .isInstanceOf(UnreadableUpstreamResponse.class);
    }

    static String fixture(String file) throws Exception {
        return Files.readString(Path.of("sandbox/salesforce/__files", file));
    }
}

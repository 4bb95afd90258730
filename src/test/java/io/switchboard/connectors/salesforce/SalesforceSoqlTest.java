package io.switchboard.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.errors.ApiException;
import io.switchboard.errors.ErrorCode;
import io.switchboard.model.CustomerLookup;
import org.junit.jupiter.api.Test;

/** SOQL literals escaped as Salesforce's "Quoted String Escape Sequences" define them; lookups built from them. */
class SalesforceSoqlTest {

    private final SalesforceSoql soql = new SalesforceSoql(new SalesforceContactMapper(new ObjectMapper(),
            SalesforcePropertiesFixture.with("", "", "")));

    @Test
    void quotesAndBackslashesCannotEndTheLiteral() {
        assertThat(SalesforceSoql.literal("Bob's BBQ")).isEqualTo("'Bob\\'s BBQ'");
        assertThat(SalesforceSoql.literal("x' OR Name != '")).isEqualTo("'x\\' OR Name != \\''");
        // a trailing backslash would otherwise escape the closing quote
        assertThat(SalesforceSoql.literal("a\\")).isEqualTo("'a\\\\'");
        assertThat(SalesforceSoql.literal("a\\' OR Id != '")).isEqualTo("'a\\\\\\' OR Id != \\''");
        assertThat(SalesforceSoql.literal("\"line\"\nnext\r\t\b\f")).isEqualTo("'\\\"line\\\"\\nnext\\r\\t\\b\\f'");
        assertThat(SalesforceSoql.literal("bell\u0007")).isEqualTo("'bell\\u0007'");
        // LIKE wildcards mean nothing to '=': kept as they are
        assertThat(SalesforceSoql.literal("100%_sure")).isEqualTo("'100%_sure'");
    }

    @Test
    void aContactByEmailElseByEitherPhone() {
        assertThat(soql.contactLookup(CustomerLookup.byEmail(" bob.norman@hostmail.com ")))
                .isEqualTo("SELECT Id,Name,FirstName,LastName,Email,Phone,MobilePhone,LastModifiedDate FROM Contact"
                        + " WHERE Email = 'bob.norman@hostmail.com' ORDER BY LastModifiedDate DESC LIMIT 1");
        assertThat(soql.contactLookup(CustomerLookup.byPhone("555-625-1199")))
                .contains("WHERE Phone = '555-625-1199' OR MobilePhone = '555-625-1199' ORDER BY");
        assertThat(soql.contactLookup(new CustomerLookup("a@b.c", "555"))).contains("WHERE Email = 'a@b.c' ORDER BY");
        assertThatThrownBy(() -> soql.contactLookup(new CustomerLookup(" ", null)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }

    @Test
    void onlyARecordIdGoesIntoAResourcePath() {
        assertThat(soql.recordId("003Dp000001BobNAAS", "Customer")).isEqualTo("003Dp000001BobNAAS");
        assertThat(soql.recordId("003Dp000001BobN", "Customer")).isEqualTo("003Dp000001BobN");
        for (String notAnId : new String[] {"207119551", "../../query", "003Dp000001BobNAAS/x", "", null}) {
            assertThatThrownBy(() -> soql.recordId(notAnId, "Customer"))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
    }
}

package io.switchboard.connectors.salesforce;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.vendors.salesforce.*}: where the org is, how the hub logs in (camel-salesforce's OAuth flows),
 * and which of the org's fields it reads and writes. Secrets come from the environment only.
 *
 * @param baseUrl              where the OAuth token endpoint is: the org's My Domain URL
 *                             (https://&lt;domain&gt;.my.salesforce.com), or https://login.salesforce.com /
 *                             https://test.salesforce.com
 * @param instanceUrl          the org's API URL when it differs from the token's {@code instance_url} (optional)
 * @param auth                 client-credentials, jwt or refresh-token; empty: chosen from what is set
 * @param clientId             the connected (or external client) app's consumer key
 * @param clientSecret         its consumer secret (client credentials; refresh token optionally)
 * @param refreshToken         a refresh token issued to the app (refresh-token flow)
 * @param username             the integration user (JWT bearer flow: the token's {@code sub})
 * @param keystore             a PKCS12 or JKS file holding the one private key the JWT is signed with
 * @param keystorePassword     its password
 * @param keystoreType         PKCS12 or JKS
 * @param jwtAudience          the JWT's {@code aud}; empty: the base URL
 * @param apiVersion           REST API version, e.g. 65.0
 * @param timeoutMillis        the longest one Salesforce call may take (login and one re-login included)
 * @param contactTierField     a Contact field holding the customer's service tier, e.g. Tier__c (optional)
 * @param contactLocaleField   a Contact field holding the customer's language tag, e.g. Language__c (optional)
 * @param taskExternalIdField  an External ID field on Task (unique), e.g. Switchboard_Event_Id__c: activities are
 *                             upserted by the hub's event id, exactly once (optional; without it, looked up first)
 */
@ConfigurationProperties("switchboard.vendors.salesforce")
public record SalesforceProperties(
        @DefaultValue("https://login.salesforce.com") String baseUrl,
        @DefaultValue("") String instanceUrl,
        @DefaultValue("") String auth,
        @DefaultValue("") String clientId,
        @DefaultValue("") String clientSecret,
        @DefaultValue("") String refreshToken,
        @DefaultValue("") String username,
        @DefaultValue("") String keystore,
        @DefaultValue("") String keystorePassword,
        @DefaultValue("PKCS12") String keystoreType,
        @DefaultValue("") String jwtAudience,
        @DefaultValue("65.0") String apiVersion,
        @DefaultValue("3000") long timeoutMillis,
        @DefaultValue("") String contactTierField,
        @DefaultValue("") String contactLocaleField,
        @DefaultValue("") String taskExternalIdField) {
}

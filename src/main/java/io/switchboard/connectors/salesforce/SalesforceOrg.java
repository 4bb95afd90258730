package io.switchboard.connectors.salesforce;

import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.internal.SalesforceSession;
import org.springframework.stereotype.Component;

/** Where the Salesforce org's records are, for links in its UI: the session's instance URL once logged in. */
@Component("salesforceOrg")
public class SalesforceOrg {

    private final SalesforceComponent component;
    private final SalesforceProperties properties;

    public SalesforceOrg(SalesforceComponent component, SalesforceProperties properties) {
        this.component = component;
        this.properties = properties;
    }

    /** The instance URL the login answered (camel-salesforce strips its trailing slash), else the configured one. */
    public String instanceUrl() {
        SalesforceSession session = component.getSession();
        if (session != null && session.getInstanceUrl() != null) {
            return session.getInstanceUrl();
        }
        String url = !properties.instanceUrl().isBlank() ? properties.instanceUrl().trim()
                : SalesforceBeans.loginUrl(properties);
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

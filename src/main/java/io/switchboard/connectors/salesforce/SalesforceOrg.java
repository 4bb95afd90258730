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

    /** The instance URL the login answered (or the configured one), else the base URL. No trailing slash. */
    public String instanceUrl() {
        SalesforceSession session = component.getSession();
        String url = session != null && session.getInstanceUrl() != null ? session.getInstanceUrl()
                : !properties.instanceUrl().isBlank() ? properties.instanceUrl()
                : properties.baseUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

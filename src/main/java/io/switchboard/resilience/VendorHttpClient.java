package io.switchboard.resilience;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * How camel-http builds its client for vendor calls:
 * <ul>
 *   <li>without Apache HttpClient's own automatic retries (which would silently wait out a vendor's Retry-After
 *   inside our timeout). Retrying is the resilience chain's decision, visible in the routes.</li>
 *   <li>with answers bounded by {@code switchboard.resilience.max-answer-size}: a vendor that answers without end
 *   (a misrouted download, a proxy's loop, a small gzip that unpacks to gigabytes) fails the call with
 *   {@link VendorAnswerTooLarge} once it has sent that much, or at once when it declares more, instead of filling
 *   the hub's memory.</li>
 * </ul>
 */
@Component("vendorHttpClient")
public class VendorHttpClient implements HttpClientConfigurer {

    private final long maxAnswerSize;

    public VendorHttpClient(@Value("${switchboard.resilience.max-answer-size:8MB}") DataSize maxAnswerSize) {
        this.maxAnswerSize = maxAnswerSize.toBytes();
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.disableAutomaticRetries();
        // first in the chain, so last to see the answer: after redirects, and after a gzipped body was unpacked
        builder.addExecInterceptorFirst("bounded-answers", (request, scope, chain) -> {
            ClassicHttpResponse response = chain.proceed(request, scope);
            HttpEntity entity = response.getEntity();
            if (entity != null && entity.getContentLength() > maxAnswerSize) {
                response.close();
                throw new VendorAnswerTooLarge(maxAnswerSize);
            }
            if (entity != null) {
                response.setEntity(new Bounded(entity, maxAnswerSize));
            }
            return response;
        });
    }

    /** The answer's body, read through a count that fails past the limit. */
    private static final class Bounded extends HttpEntityWrapper {

        private final long limit;

        Bounded(HttpEntity entity, long limit) {
            super(entity);
            this.limit = limit;
        }

        @Override
        public InputStream getContent() throws IOException {
            return new FilterInputStream(super.getContent()) {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = super.read();
                    count(b < 0 ? 0 : 1);
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    count(Math.max(n, 0));
                    return n;
                }

                private void count(int n) throws IOException {
                    read += n;
                    if (read > limit) {
                        throw new VendorAnswerTooLarge(limit);
                    }
                }
            };
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try (InputStream in = getContent()) {
                in.transferTo(out);
            }
        }
    }
}

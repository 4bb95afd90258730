package io.switchboard.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The traceparent the webhook door gives a delivery: the vendor's when valid, else a new trace's. */
class TraceParentTest {

    private static final String VENDORS = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aValidIncomingTraceparentIsKept() {
        assertThat(door(0.1).incomingOrNew(VENDORS)).isEqualTo(VENDORS);
    }

    @Test
    void anythingElseStartsANewTrace() {
        TraceParent door = door(0.1);
        for (String invalid : new String[] {null, "", "garbage", VENDORS.toUpperCase(),
                "01" + VENDORS.substring(2), "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", VENDORS + "-extra",
                "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01"}) {
            assertThat(door.incomingOrNew(invalid)).as("for %s", invalid)
                    .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]").isNotEqualTo(invalid)
                    .satisfies(fresh -> assertThat(TraceParent.valid(fresh)).isTrue());
        }
    }

    @Test
    void newTracesAreNewAndSampledAtTheConfiguredProbability() {
        Set<String> traceIds = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            traceIds.add(door(0.1).incomingOrNew(null).substring(3, 35));
        }
        assertThat(traceIds).hasSize(1000);
        assertThat(door(1.0).incomingOrNew(null)).endsWith("-01");
        assertThat(door(0.0).incomingOrNew(null)).endsWith("-00");
    }

    @Test
    void withTracingOffThereIsNone() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("tracer", Tracer.NOOP);
        TraceParent off = new TraceParent(beans.getBeanProvider(Tracer.class), beans.getBeanProvider(Propagator.class),
                1.0);
        assertThat(off.incomingOrNew(VENDORS)).isNull();
        assertThat(off.incomingOrNew(null)).isNull();
    }

    private static TraceParent door(double probability) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("tracer", Mockito.mock(Tracer.class));
        return new TraceParent(beans.getBeanProvider(Tracer.class), beans.getBeanProvider(Propagator.class),
                probability);
    }
}

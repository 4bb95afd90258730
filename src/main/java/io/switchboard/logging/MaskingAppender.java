package io.switchboard.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/** Writes each event through the appender it wraps, with personal data masked in its message. */
class MaskingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private final Appender<ILoggingEvent> delegate;

    MaskingAppender(Appender<ILoggingEvent> delegate) {
        this.delegate = delegate;
        setName(delegate.getName());
        setContext(delegate.getContext());
    }

    @Override
    protected void append(ILoggingEvent event) {
        delegate.doAppend(MaskedEvent.of(event));
    }

    @Override
    public void stop() {
        super.stop();
        delegate.stop();
    }
}

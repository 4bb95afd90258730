package io.switchboard.messaging;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

/** A transacted JMS session that a background loop keeps open across its turns, and opens anew after a failure. */
public final class TransactedSession implements AutoCloseable {

    private final ConnectionFactory connections;
    private Connection connection;
    private Session session;

    public TransactedSession(ConnectionFactory connections) {
        this.connections = connections;
    }

    public Session get() throws JMSException {
        if (session == null) {
            connection = connections.createConnection();
            session = connection.createSession(true, Session.SESSION_TRANSACTED);
            connection.start();   // for consumers; producers do not mind
        }
        return session;
    }

    /** Drops the session after a failure; the next {@link #get()} opens a new one. */
    public void reset() {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException ignored) {
                // already broken
            }
        }
        connection = null;
        session = null;
    }

    @Override
    public void close() {
        reset();
    }
}

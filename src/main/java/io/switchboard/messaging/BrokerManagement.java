package io.switchboard.messaging;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;

/**
 * A conversation with the broker's management address over JMS (Artemis management messages), which an embedded
 * broker and a remote one both answer; on a remote broker the hub's user needs the {@code manage} permission on
 * {@code activemq.management}. Open it, ask, close it.
 */
public final class BrokerManagement implements AutoCloseable {

    private static final long ANSWER_MILLIS = 2_000;

    private final Connection connection;
    private final Session session;
    private final TemporaryQueue replies;
    private final MessageProducer requests;
    private final MessageConsumer answers;

    private BrokerManagement(Connection connection) throws JMSException {
        this.connection = connection;
        this.session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        connection.start();
        this.replies = session.createTemporaryQueue();
        this.requests = session.createProducer(ActiveMQJMSClient.createQueue("activemq.management"));
        this.answers = session.createConsumer(replies);
    }

    public static BrokerManagement open(ConnectionFactory connections) throws JMSException {
        Connection connection = connections.createConnection();
        try {
            return new BrokerManagement(connection);
        } catch (JMSException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** An attribute of a resource ({@code ResourceNames.QUEUE + name}, ...); null when the broker has no such one. */
    public Object attribute(String resource, String attribute) throws JMSException {
        Message ask = session.createMessage();
        JMSManagementHelper.putAttribute(ask, resource, attribute);
        return answer(ask);
    }

    /** Invokes an operation; its result, or null when it failed (the resource does not exist, ...). */
    public Object invoke(String resource, String operation, Object... parameters) throws JMSException {
        Message ask = session.createMessage();
        try {
            JMSManagementHelper.putOperationInvocation(ask, resource, operation, parameters);
        } catch (Exception e) {
            throw new JMSException("unwritable management operation: " + e);
        }
        return answer(ask);
    }

    private Object answer(Message ask) throws JMSException {
        ask.setJMSReplyTo(replies);
        requests.send(ask);
        Message answer = answers.receive(ANSWER_MILLIS);
        if (answer == null) {
            throw new JMSException("no answer from the broker's management address");
        }
        if (!JMSManagementHelper.hasOperationSucceeded(answer)) {
            return null;
        }
        try {
            return JMSManagementHelper.getResult(answer, Object.class);
        } catch (Exception e) {
            throw new JMSException("unreadable management answer: " + e);
        }
    }

    /** Closes the connection, and with it the temporary queue of the answers. */
    @Override
    public void close() throws JMSException {
        connection.close();
    }
}

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The backlog of a topic's subscriptions: the messages waiting in the fullest of the broker queues bound to the
 * address (on {@code switchboard.events}, the domain events' consumers: reactions, notifications, subscribers).
 * Asked with Artemis management messages, as the hub's own queue depths are. Run with the hub's libraries:
 * {@code java -cp "<extracted jar>/lib/*" bench/TopicBacklog.java tcp://127.0.0.1:61616 switchboard.events}.
 */
public class TopicBacklog {

    public static void main(String[] args) throws Exception {
        try (ActiveMQConnectionFactory broker = new ActiveMQConnectionFactory(args[0]);
             Connection connection = broker.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageProducer management = session.createProducer(ActiveMQJMSClient.createQueue("activemq.management"));
            MessageConsumer answers = session.createConsumer(replies);
            long fullest = 0;
            for (Object queue : (Object[]) ask(session, management, answers, replies, ResourceNames.ADDRESS + args[1],
                    "queueNames")) {
                Object count = ask(session, management, answers, replies, ResourceNames.QUEUE + queue, "messageCount");
                fullest = Math.max(fullest, ((Number) count).longValue());
            }
            System.out.println(fullest);
        }
    }

    private static Object ask(Session session, MessageProducer management, MessageConsumer answers,
                              TemporaryQueue replies, String resource, String attribute) throws Exception {
        Message ask = session.createMessage();
        JMSManagementHelper.putAttribute(ask, resource, attribute);
        ask.setJMSReplyTo(replies);
        management.send(ask);
        Message answer = answers.receive(5_000);
        if (answer == null || !JMSManagementHelper.hasOperationSucceeded(answer)) {
            throw new JMSException("no answer from the broker about " + resource);
        }
        return JMSManagementHelper.getResult(answer, Object.class);
    }
}

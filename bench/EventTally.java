import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The crash test's witness of the domain events: a durable subscription to {@code switchboard.events} on the local
 * run's broker (TCP 61616), opened before the load ({@code subscribe}) and read after it ({@code drain}: prints the
 * id of every event waiting, then removes the subscription). Run with the hub's jars:
 * {@code java -cp "target/bench-app/lib/*" bench/EventTally.java subscribe|drain [broker-url user password]}.
 */
public class EventTally {

    private static final String SUBSCRIPTION = "crash-test-tally";

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String url = args.length > 1 ? args[1] : "tcp://127.0.0.1:61616";
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
             Connection connection = args.length > 3 ? factory.createConnection(args[2], args[3])
                     : factory.createConnection()) {
            connection.setClientID(SUBSCRIPTION);
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("switchboard.events");
            MessageConsumer subscriber = session.createDurableSubscriber(topic, SUBSCRIPTION);
            if ("drain".equals(args[0])) {
                connection.start();
                Message message;
                while ((message = subscriber.receive(3000)) != null) {
                    System.out.println(json.readTree(((TextMessage) message).getText()).path("id").asText());
                }
                subscriber.close();
                session.unsubscribe(SUBSCRIPTION);
            }
        }
    }
}

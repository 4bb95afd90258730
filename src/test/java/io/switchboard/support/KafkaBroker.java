package io.switchboard.support;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Kafka broker for the tests, in KRaft mode (one node that is broker and controller), started in the test JVM
 * from Apache Kafka's own server classes the first time a test asks for it, and shared by every test after: its log
 * under {@code target/kafka-<random>}, its listeners on free loopback ports. Stopped when the JVM exits.
 */
public final class KafkaBroker {

    /** The topic the hub's domain events go to by default (switchboard.events.kafka.topic). */
    private static final String DOMAIN_EVENTS = "switchboard.events";

    private static String bootstrapServers;

    private KafkaBroker() {
    }

    /** The broker's address ({@code 127.0.0.1:<port>}), starting it on first use. */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = start();
        }
        return bootstrapServers;
    }

    private static String start() {
        // before a hub's logging settings apply (application-test.yaml says the same), the default is DEBUG
        for (String logger : new String[] {"kafka", "org.apache.kafka", "org.apache.zookeeper"}) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(logger))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
        }
        try {
            Path logs = Files.createDirectories(Path.of("target")).resolve("kafka-" + Uuid.randomUuid());
            int port = freePort();
            int controllerPort = freePort();
            Properties settings = new Properties();
            settings.put("process.roles", "broker,controller");
            settings.put("node.id", "1");
            settings.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            settings.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            settings.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            settings.put("controller.listener.names", "CONTROLLER");
            settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            settings.put("log.dirs", logs.toString());
            // one node: internal topics with one replica, and no wait for more members before a group's first rebalance
            settings.put("offsets.topic.replication.factor", "1");
            settings.put("offsets.topic.num.partitions", "4");
            settings.put("transaction.state.log.replication.factor", "1");
            settings.put("transaction.state.log.min.isr", "1");
            settings.put("group.initial.rebalance.delay.ms", "0");
            settings.put("num.partitions", "4");
            KafkaConfig config = KafkaConfig.fromProps(settings);

            new Formatter().setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(1)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(logs.toString())
                    .setDirectories(Set.of(logs.toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.shutdown();
                server.awaitShutdown();
            }, "kafka-broker-stop"));
            String address = "127.0.0.1:" + port;
            createDomainEventsTopic(address);
            return address;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the test Kafka broker did not start", e);
        }
    }

    /**
     * The domain events' topic, made before any hub sends, as a deployment provisions it: created by a first send
     * instead, on a broker just started, the idempotent producer's first batches can meet a partition whose leader is
     * not settled yet, and their retries are then refused as out of sequence for a while.
     */
    private static void createDomainEventsTopic(String address) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address))) {
            admin.createTopics(List.of(new NewTopic(DOMAIN_EVENTS, 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

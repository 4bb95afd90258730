package bench.vertx;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The yardstick on Vert.x: a constant 200 with the order read's JSON body, one event loop per core, nothing else.
 * {@code java -cp … bench.vertx.BareVertx [port]}.
 */
public class BareVertx extends AbstractVerticle {

    private static final Buffer BODY = Buffer.buffer(
            "{\"orderNumber\":\"1001\",\"status\":\"processing\",\"updatedAt\":\"2008-01-10T16:00:00Z\"}");

    @Override
    public void start() {
        int port = config().getInteger("port");
        vertx.createHttpServer().requestHandler(request -> request.response()
                .putHeader("Content-Type", "application/json").end(BODY)).listen(port);
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8098;
        Vertx.vertx().deployVerticle(BareVertx.class.getName(), new DeploymentOptions()
                .setInstances(Runtime.getRuntime().availableProcessors())
                .setConfig(new io.vertx.core.json.JsonObject().put("port", port)));
    }
}

package bench.vertx;

import bench.OrderReadRoutes;
import org.apache.camel.main.Main;

/**
 * {@link OrderReadRoutes} served by Vert.x (camel-platform-http-vertx through Camel Main's HTTP server). Prints a
 * token for the order's customer. {@code java -cp … bench.vertx.CamelOnVertx [port]}.
 */
public class CamelOnVertx {

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8097;
        Main main = new Main();
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.port", Integer.toString(port));
        main.addInitialProperty("camel.server.host", "127.0.0.1");
        main.configure().addRoutesBuilder(new OrderReadRoutes());
        System.out.println("TOKEN " + OrderReadRoutes.token());
        main.run();
    }
}

package bench.tomcat;

import bench.OrderReadRoutes;
import com.nimbusds.jose.JOSEException;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * {@link OrderReadRoutes} on the hub's HTTP stack: Camel Spring Boot's platform-http engine, which serves each route
 * through Spring MVC's asynchronous dispatch on Tomcat, with Tomcat's and Spring MVC's defaults and nothing else in
 * front (no filters, no metrics, no tracing). Prints a token for the order's customer.
 * {@code java -cp … bench.tomcat.CamelOnTomcat [port]}.
 */
@SpringBootApplication
public class CamelOnTomcat {

    @Bean
    RouteBuilder orderRead() throws JOSEException {
        return new OrderReadRoutes();
    }

    public static void main(String[] args) throws Exception {
        String port = args.length > 0 ? args[0] : "8096";
        System.out.println("TOKEN " + OrderReadRoutes.token());
        SpringApplication.run(CamelOnTomcat.class, "--server.port=" + port, "--server.address=127.0.0.1",
                "--camel.main.name=tomcat-bench");
    }
}

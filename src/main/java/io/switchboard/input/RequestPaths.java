package io.switchboard.input;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;

/**
 * The ways one request's path is read. The servlet container normalizes it (dot segments resolved, {@code ;params}
 * dropped) for its filter mappings and {@code getServletPath()}; Spring MVC and Camel's REST routes match the raw
 * URI segment by segment ({@code /api/v1/orders/..} is order {@code ..} to them, {@code /api/v1} to the container).
 * A guard that decides on one reading while the request is routed by the other can be walked past, so guards ask
 * whether any reading is theirs.
 */
public final class RequestPaths {

    private RequestPaths() {
    }

    /** The container's normalized path and the path as routers match it (each segment decoded, without params). */
    public static List<String> views(HttpServletRequest request) {
        String normalized = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        String routed = routed(request);
        return routed == null || routed.equals(normalized) ? List.of(normalized) : List.of(normalized, routed);
    }

    /** The path as a router matches the raw URI, or null when it cannot be decoded (the request is refused anyway). */
    static String routed(HttpServletRequest request) {
        try {
            StringBuilder path = new StringBuilder();
            for (PathContainer.Element element : RequestPath.parse(request.getRequestURI(), request.getContextPath())
                    .pathWithinApplication().elements()) {
                path.append(element instanceof PathContainer.PathSegment segment ? segment.valueToMatch() : "/");
            }
            return path.toString();
        } catch (IllegalArgumentException undecodable) {
            return null;
        }
    }

    /** True when any reading of the request's path is {@code prefix} itself or under it. */
    public static boolean anyUnder(HttpServletRequest request, String prefix) {
        return views(request).stream().anyMatch(path -> path.equals(prefix) || path.startsWith(prefix + "/"));
    }
}

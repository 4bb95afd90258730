package io.switchboard.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Expands a route pattern with a wildcard folder on the class path ({@code classpath:routes/**&#47;*.camel.yaml})
 * into one pattern per folder that holds route files, before Camel reads {@code camel.main.routes-include-pattern}:
 * inside a jar, Camel 4.17 resolves wildcard folders to wrong paths (CAMEL-23370) and finds no route there, while
 * Spring's resolver finds them. A route file in a new folder of {@code routes/} is then loaded with no setting to
 * edit. Other patterns ({@code file:}, a plain folder) are left as they are.
 */
public class RouteFolders implements EnvironmentPostProcessor, Ordered {

    static final String PATTERN = "camel.main.routes-include-pattern";
    private static final String CLASSPATH = "classpath:";
    private static final String WILDCARD_FOLDERS = "**/";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String patterns = environment.getProperty(PATTERN);
        if (patterns == null || !patterns.contains(CLASSPATH) || !patterns.contains(WILDCARD_FOLDERS)) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource("route-folders",
                Map.of(PATTERN, expand(patterns, application.getClassLoader()))));
    }

    /** The patterns, each class path one with a wildcard folder replaced by one pattern per folder found. */
    static String expand(String patterns, ClassLoader classLoader) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(classLoader);
        List<String> expanded = new ArrayList<>();
        for (String pattern : patterns.split(",")) {
            String trimmed = pattern.strip();
            int wildcard = trimmed.indexOf(WILDCARD_FOLDERS);
            if (!trimmed.startsWith(CLASSPATH) || wildcard < 0) {
                expanded.add(trimmed);
                continue;
            }
            String root = trimmed.substring(CLASSPATH.length(), wildcard);         // routes/
            String files = trimmed.substring(wildcard + WILDCARD_FOLDERS.length()); // *.camel.yaml
            folders(resolver, root, trimmed.substring(CLASSPATH.length()))
                    .forEach(folder -> expanded.add(CLASSPATH + folder + files));
        }
        return String.join(",", expanded);
    }

    /** The folders (with their trailing slash, from the class path's root) holding a file that matches. */
    private static TreeSet<String> folders(PathMatchingResourcePatternResolver resolver, String root, String pattern) {
        TreeSet<String> folders = new TreeSet<>();
        try {
            for (Resource base : resolver.getResources("classpath*:" + root)) {
                String baseUrl = base.getURL().toString();
                for (Resource file : resolver.getResources("classpath*:" + pattern)) {
                    String url = file.getURL().toString();
                    if (url.startsWith(baseUrl)) {
                        String path = root + url.substring(baseUrl.length());
                        folders.add(path.substring(0, path.lastIndexOf('/') + 1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("route files not listed from the class path", e);
        }
        return folders;
    }

    /** After the configuration files are read, before Camel reads the pattern. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}

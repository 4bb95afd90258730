package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * The packaged hub (every profile but local) loads its routes from the jar, with the patterns of
 * {@code camel.main.routes-include-pattern} as {@link RouteFolders} expands them: every route file of {@code routes/}
 * must be found there, under its own path, and readable, as Camel resolves them inside a jar (which it does not for
 * the wildcard folder of the setting itself).
 */
class RoutesInJarTest {

    private static final String FOLDER = "in-jar/";

    @TempDir
    Path dir;

    @Test
    void everyRouteFileIsLoadedFromTheJar() throws Exception {
        List<String> routeFiles;
        try (Stream<Path> files = Files.walk(Path.of("routes"))) {
            routeFiles = files.filter(file -> file.toString().endsWith(".camel.yaml"))
                    .map(file -> file.toString().replace('\\', '/')).sorted().toList();
        }
        Path jar = dir.resolve("routes.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            Set<String> folders = new TreeSet<>();   // with their entries, as Maven writes a jar
            for (String file : routeFiles) {
                for (int slash = file.indexOf('/'); slash > 0; slash = file.indexOf('/', slash + 1)) {
                    folders.add(FOLDER + file.substring(0, slash + 1));
                }
            }
            folders.add(FOLDER);
            for (String folder : folders) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            for (String file : routeFiles) {
                out.putNextEntry(new JarEntry(FOLDER + file));
                Files.copy(Path.of(file), out);
                out.closeEntry();
            }
        }

        List<String> loaded = new ArrayList<>();
        String setting = includePattern();
        ClassLoader testClassLoader = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader classLoader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Thread.currentThread().setContextClassLoader(classLoader);   // where the resolver looks, with its own
            // under a folder of its own in the jar, so that target/classes/routes on this classpath is not found
            String inJar = setting.replace("classpath:", "classpath:" + FOLDER);
            String[] patterns = RouteFolders.expand(inJar, classLoader).split(",");
            assertThat(patterns).as("one pattern per folder, none with a wildcard folder").hasSizeGreaterThan(1)
                    .noneMatch(pattern -> pattern.contains("**"));
            DefaultCamelContext camel = new DefaultCamelContext();
            for (String pattern : patterns) {
                for (Resource resource : PluginHelper.getPackageScanResourceResolver(camel).findResources(pattern)) {
                    try (InputStream in = resource.getInputStream()) {
                        assertThat(in).as(resource.getLocation()).isNotNull();
                    }
                    loaded.add(resource.getLocation().substring(resource.getLocation().indexOf("!/" + FOLDER) + 2
                            + FOLDER.length()));
                }
            }
            camel.close();
        } finally {
            Thread.currentThread().setContextClassLoader(testClassLoader);
        }

        assertThat(loaded).as("the route files, by camel.main.routes-include-pattern, from a jar")
                .containsExactlyInAnyOrderElementsOf(routeFiles);
    }

    private static String includePattern() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yaml"));
        Properties properties = yaml.getObject();
        return properties.getProperty("camel.main.routes-include-pattern");
    }
}

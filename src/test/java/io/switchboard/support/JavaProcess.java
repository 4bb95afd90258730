package io.switchboard.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A class of this build run as a JVM of its own, on the tests' classpath, with an empty environment (PATH only,
 * plus what is given), so that it sees exactly the settings given: the hub as an operator starts it, or code that
 * needs JVM-wide settings the test JVM must not take.
 */
public final class JavaProcess {

    private JavaProcess() {
    }

    /** Runs {@code java [jvmOptions] mainClass args…} in {@code directory}, waiting at most {@code timeoutSeconds}. */
    public static ExternalTools.Result run(Path directory, long timeoutSeconds, Map<String, String> environment,
                                           List<String> jvmOptions, Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile("java-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            String path = builder.environment().get("PATH");
            builder.environment().clear();
            builder.environment().put("PATH", path);
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean exited = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            return new ExternalTools.Result(exited ? process.exitValue() : -1,
                    (exited ? "" : "timed out after " + timeoutSeconds + " s\n") + output);
        } catch (IOException e) {
            return new ExternalTools.Result(-1, "cannot run " + String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ExternalTools.Result(-1, "interrupted: " + String.join(" ", command));
        }
    }
}

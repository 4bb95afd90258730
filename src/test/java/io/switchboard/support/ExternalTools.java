package io.switchboard.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real tools some tests drive (linters, schema validators, promtool, a browser, an MCP client), installed on
 * first use so that {@code ./mvnw test} stands on its own on a fresh machine: npm projects of the repository from
 * their lock files ({@code npm ci}), Debian packages with {@code apt-get} when the command is missing.
 */
public final class ExternalTools {

    /** What a command printed (stdout and stderr together) and how it exited. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private ExternalTools() {
    }

    /** The repository's npm project in {@code dir}, with its locked dependencies installed. */
    public static synchronized Path npmProject(String dir) {
        Path project = Path.of(dir).toAbsolutePath();
        if (!Files.isDirectory(project.resolve("node_modules"))) {
            Result install = run(project, 600, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
            if (!install.ok()) {
                throw new IllegalStateException("npm ci in " + dir + " failed:\n" + install.output());
            }
        }
        return project;
    }

    /** Runs {@code node script args…} in the npm project {@code dir}. */
    public static Result node(String dir, String script, String... args) {
        Path project = npmProject(dir);
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        return run(project, 600, command.toArray(String[]::new));
    }

    /** The path of {@code command}, installing Debian's {@code debianPackage} first when it is missing. */
    public static synchronized String debianCommand(String command, String debianPackage) {
        String found = which(command);
        if (found != null) {
            return found;
        }
        Path here = Path.of(".").toAbsolutePath();
        run(here, 600, "apt-get", "update", "-qq");
        Result install = run(here, 900, "apt-get", "install", "-y", "-qq", "--no-install-recommends", debianPackage);
        found = which(command);
        if (found == null) {
            throw new IllegalStateException(command + " is missing and apt-get install " + debianPackage
                    + " did not provide it:\n" + install.output());
        }
        return found;
    }

    /** Runs a command in {@code directory}, waiting at most {@code timeoutSeconds}. */
    public static Result run(Path directory, long timeoutSeconds, String... command) {
        try {
            Path log = Files.createTempFile("tool-", ".log");
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            boolean exited = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            return exited ? new Result(process.exitValue(), output)
                    : new Result(-1, "timed out after " + timeoutSeconds + " s: " + String.join(" ", command) + "\n" + output);
        } catch (IOException e) {
            return new Result(-1, "cannot run " + String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted: " + String.join(" ", command));
        }
    }

    private static String which(String command) {
        Result result = run(Path.of(".").toAbsolutePath(), 30, "sh", "-c", "command -v " + command);
        return result.ok() && !result.output().isBlank() ? result.output().trim() : null;
    }
}

package io.pitchey.bench.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs wrk (the Debian package) against one base URL with a file of request paths, through {@code
 * bench/wrk/paths.lua}, and reads the JSON line the script prints at the end.
 */
final class Wrk {
  private static final String MARKER = "WRK_JSON ";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path script;
  private final int threads;

  Wrk(Path script, int threads) {
    this.script = script;
    this.threads = threads;
  }

  WrkResult run(String baseUrl, Path paths, int connections, Duration duration)
      throws IOException, InterruptedException {
    List<String> command =
        List.of(
            "wrk",
            "-t" + Math.min(threads, connections),
            "-c" + connections,
            "-d" + duration.toSeconds() + "s",
            "--timeout",
            "10s",
            "-s",
            script.toString(),
            baseUrl);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PATHS_FILE", paths.toAbsolutePath().toString());
    Process wrk = builder.start();
    String output;
    try (var out = wrk.getInputStream()) {
      output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!wrk.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
      wrk.destroyForcibly();
      throw new IOException("wrk failed: " + output);
    }
    return output
        .lines()
        .filter(line -> line.startsWith(MARKER))
        .findFirst()
        .map(line -> parse(line.substring(MARKER.length())))
        .orElseThrow(() -> new IOException("wrk printed no summary: " + output));
  }

  private static WrkResult parse(String json) {
    try {
      return WrkResult.of(JSON.readTree(json));
    } catch (IOException e) {
      throw new IllegalStateException("unreadable wrk summary " + json, e);
    }
  }

  static void writeLines(Path file, List<String> lines) throws IOException {
    Files.write(file, lines, StandardCharsets.UTF_8);
  }
}

package io.pitchey.config;

import java.util.regex.Pattern;

/**
 * Who is serving: the service name, its region ({@code X-Edge-Location}) and its instance ({@code
 * X-Served-By}). The three are part of every timing event's Kafka key, joined with {@code |}, so
 * none of them may contain that character.
 */
public record NodeIdentity(String service, String region, String instance) {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");

  public NodeIdentity {
    check("service", service);
    check("region", region);
    check("instance", instance);
  }

  public static NodeIdentity from(Settings settings, String service) {
    String instance =
        settings
            .optionalString("instance")
            .orElseGet(() -> hostName() + "-" + ProcessHandle.current().pid());
    return new NodeIdentity(service, settings.string("region"), instance);
  }

  private static void check(String key, String value) {
    if (!SAFE.matcher(value).matches()) {
      throw new InvalidConfigException(
          key, "must be 1-64 characters of [A-Za-z0-9._:@-], was '" + value + "'");
    }
  }

  private static String hostName() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.net.UnknownHostException e) {
        host = "localhost";
      }
    }
    String safe = host.replaceAll("[^A-Za-z0-9._:@-]", "-");
    return safe.length() > 40 ? safe.substring(0, 40) : safe;
  }
}

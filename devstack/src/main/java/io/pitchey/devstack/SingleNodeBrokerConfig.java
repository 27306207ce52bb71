package io.pitchey.devstack;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The broker settings for a one-node KRaft cluster (broker and controller in one process) on
 * loopback.
 *
 * <p>Every replication factor and min-ISR that defaults to 3 (or 2) is lowered to 1: with the
 * defaults a single broker cannot create {@code __consumer_offsets} or {@code __transaction_state},
 * and consumers and exactly-once producers then stall without an error.
 */
final class SingleNodeBrokerConfig {

  static final int NODE_ID = 1;

  private SingleNodeBrokerConfig() {}

  static Properties build(
      int port, int controllerPort, Path logDir, Map<String, String> overrides) {
    Properties p = new Properties();
    // one process is both the only broker and the only (static) voter; a static voter set needs
    // no directory ids at format time, so the same data can later be served from other ports
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", Integer.toString(NODE_ID));
    p.setProperty("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    p.setProperty(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", logDir.toAbsolutePath().toString());

    // internal topics must fit on one broker (see class comment)
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("default.replication.factor", "1");
    p.setProperty("min.insync.replicas", "1");
    // fewer internal partitions: they are created (and loaded) on first use, which tests wait for
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.num.partitions", "1");

    // groups start immediately instead of waiting 3 s for more members
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("num.partitions", "1");
    // the project creates its topics itself (AdminClient); a typo must fail, not create a topic
    p.setProperty("auto.create.topics.enable", "false");

    // the cleaner pre-allocates this buffer on the heap (default 128 MiB); compacted topics here
    // are tiny
    p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
    p.setProperty("num.network.threads", "2");
    p.setProperty("num.io.threads", "4");

    p.putAll(overrides);
    return p;
  }
}

package io.pitchey.jobs;

import java.util.Properties;

/**
 * The Quartz configuration of a reporting-jobs node: a clustered JDBC job store in schema {@code
 * quartz} of the Pitchey database.
 *
 * <p>Every node of the cluster uses the same {@link #SCHEDULER_NAME} (Quartz's {@code SCHED_NAME}
 * column: nodes with the same name share jobs and triggers) and a distinct instance id. Each
 * trigger then fires on exactly one node, and when a node stops checking in, another node takes
 * over the jobs it was running that asked for recovery.
 */
final class QuartzProperties {
  /** The cluster's name; also the name of the registered connection provider. */
  static final String SCHEDULER_NAME = "pitchey-reporting";

  private QuartzProperties() {}

  static Properties of(JobsConfig config) {
    Properties props = new Properties();
    props.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
    props.setProperty("org.quartz.scheduler.instanceId", config.instanceId());
    // Daemon threads: a job still running when close() gives up must not keep the JVM alive; the
    // cluster re-runs it elsewhere (the jobs request recovery and are idempotent).
    props.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    props.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    props.setProperty("org.quartz.threadPool.threadCount", Integer.toString(config.threads()));
    props.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    props.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    props.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    props.setProperty("org.quartz.jobStore.dataSource", SCHEDULER_NAME);
    // Quartz appends the table name to the prefix, so the schema rides along: quartz.qrtz_TRIGGERS.
    props.setProperty("org.quartz.jobStore.tablePrefix", "quartz.qrtz_");
    props.setProperty("org.quartz.jobStore.isClustered", "true");
    // Job data as strings, never serialised Java objects: a redeploy cannot break on a changed
    // class.
    props.setProperty("org.quartz.jobStore.useProperties", "true");
    return props;
  }
}

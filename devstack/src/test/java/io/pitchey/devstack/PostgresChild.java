package io.pitchey.devstack;

/** A child JVM for {@link OrphanCleanupTest}: starts its own PostgreSQL and runs until killed. */
public final class PostgresChild {

  private PostgresChild() {}

  public static void main(String[] args) throws InterruptedException {
    LocalPostgres postgres = LocalPostgres.start();
    System.out.println("ready data=" + postgres.dataDirectory());
    System.out.flush();
    Thread.currentThread().join(); // run until killed
  }
}

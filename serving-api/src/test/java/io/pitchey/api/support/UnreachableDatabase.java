package io.pitchey.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.postgresql.ds.PGSimpleDataSource;

/** A data source pointing at a port nothing listens on: every connection is refused at once. */
public final class UnreachableDatabase {
  private UnreachableDatabase() {}

  public static PGSimpleDataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setServerNames(new String[] {"127.0.0.1"});
    dataSource.setPortNumbers(new int[] {closedPort()});
    dataSource.setDatabaseName("pitchey");
    dataSource.setConnectTimeout(2);
    return dataSource;
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

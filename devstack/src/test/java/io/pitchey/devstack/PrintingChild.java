package io.pitchey.devstack;

/** A child JVM for {@link ChildJvmTest}: reports its inputs, then runs until it is stopped. */
public final class PrintingChild {

  private PrintingChild() {}

  public static void main(String[] args) throws InterruptedException {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
    System.out.println(
        "ready arg=" + String.join(",", args) + " prop=" + System.getProperty("child.prop"));
    System.out.flush();
    Thread.currentThread().join(); // run until killed or stopped
  }
}

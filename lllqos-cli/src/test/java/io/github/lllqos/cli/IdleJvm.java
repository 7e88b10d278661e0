package io.github.lllqos.cli;

/** A JVM for {@code lllqos attach} to attach to: it says it is ready, then sleeps until it is killed. */
final class IdleJvm {

    private IdleJvm() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

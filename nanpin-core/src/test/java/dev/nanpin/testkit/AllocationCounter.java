package dev.nanpin.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;

/**
 * Counts the bytes the current thread has allocated, for tests that check that per-bar work
 * allocates nothing.
 */
public final class AllocationCounter {
  private AllocationCounter() {}

  /**
   * The bytes this thread has allocated, from HotSpot's {@code com.sun.management.ThreadMXBean}.
   * Reached by reflection: tests compiled inside a named module do not read the management
   * modules. Skips the calling test (JUnit assumption) on a JVM without the counter.
   *
   * @return the bytes allocated so far by the current thread
   */
  public static long threadAllocatedBytes() {
    try {
      Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
      Class<?> hotspot = Class.forName("com.sun.management.ThreadMXBean");
      assumeTrue(hotspot.isInstance(bean), "no allocation counter on this JVM");
      Method supported = hotspot.getMethod("isThreadAllocatedMemorySupported");
      assumeTrue((Boolean) supported.invoke(bean), "no allocation counter on this JVM");
      Method bytes = hotspot.getMethod("getThreadAllocatedBytes", long.class);
      return (Long) bytes.invoke(bean, Thread.currentThread().getId());
    } catch (ReflectiveOperationException e) {
      assumeTrue(false, "no allocation counter: " + e);
      return 0;
    }
  }
}

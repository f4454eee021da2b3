package io.elbv2.operator.bench;

import io.elbv2.operator.testing.OperatorProcess;
import java.io.IOException;

/** Resident memory, heap and non-heap of an operator process. */
record ProcessMemory(long residentMiB, long heapMiB, long nonHeapMiB) {

  static ProcessMemory of(OperatorProcess operator) throws IOException {
    return new ProcessMemory(
        operator.residentMiB(),
        (long) operator.metric("jvm_memory_used_bytes", "area=\"heap\"") >> 20,
        (long) operator.metric("jvm_memory_used_bytes", "area=\"nonheap\"") >> 20);
  }

  @Override
  public String toString() {
    return String.format(
        "resident %d MiB, heap used %d MiB, non-heap %d MiB", residentMiB, heapMiB, nonHeapMiB);
  }
}

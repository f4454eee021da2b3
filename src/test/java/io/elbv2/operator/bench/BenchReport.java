package io.elbv2.operator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A benchmark's lines, printed as they come and written to a file under target/bench. */
record BenchReport(Path file, List<String> lines) {

  BenchReport(Path file) {
    this(file, new ArrayList<>());
  }

  void add(String line) throws IOException {
    System.out.println(line);
    lines.add(line);
    Files.createDirectories(file.getParent());
    Files.write(file, lines);
  }
}

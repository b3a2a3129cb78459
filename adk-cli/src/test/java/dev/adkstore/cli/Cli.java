package dev.adkstore.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** Runs the command in-process or as a real process, capturing output. */
final class Cli {
  private Cli() {}

  /** What a run printed and returned. */
  record Result(int exitCode, String out, String err) {
    List<String> outLines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
    }

    List<String> errLines() {
      return err.isEmpty() ? List.of() : List.of(err.split("\\R"));
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
  }

  /** Runs the command in this JVM, as {@code adk-store args...}. */
  static Result run(String... args) {
    CommandLine commandLine = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Runs the command in this JVM with its stdout written, as UTF-8, to a stream. */
  static Result runWithStdout(OutputStream stdout, String... args) {
    CommandLine commandLine = Main.commandLine();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new Result(code, "", err.toString());
  }

  /** Runs {@code java -cp <test classpath> dev.adkstore.cli.Main args...} in a directory. */
  static Result runProcess(Path workingDirectory, String... args)
      throws IOException, InterruptedException {
    return runProcess(workingDirectory, workingDirectory.resolve("process.out").toFile(), args);
  }

  /** Runs the command as a process with its stdout going to a file such as {@code /dev/full}. */
  static Result runProcess(Path workingDirectory, File stdout, String... args)
      throws IOException, InterruptedException {
    Path errFile = workingDirectory.resolve("process.err");
    Process process = startProcess(workingDirectory, stdout, errFile.toFile(), args);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("adk-store did not finish in 120 s: " + List.of(args));
    }
    return new Result(
        process.exitValue(),
        stdout.isFile() ? java.nio.file.Files.readString(stdout.toPath(), StandardCharsets.UTF_8) : "",
        java.nio.file.Files.readString(errFile, StandardCharsets.UTF_8));
  }

  /** Starts {@code java -cp <test classpath> dev.adkstore.cli.Main args...}; the caller waits. */
  static Process startProcess(Path workingDirectory, File stdout, File stderr, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .directory(workingDirectory.toFile())
        .redirectOutput(stdout)
        .redirectError(stderr)
        .start();
  }
}

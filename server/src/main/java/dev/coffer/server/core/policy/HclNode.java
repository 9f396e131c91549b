package dev.coffer.server.core.policy;

import java.util.List;

/**
 * A value of the policy syntax tree, with the position it was written at. Both the HCL and the JSON
 * form of a policy parse into this tree, so one decoder checks both.
 */
sealed interface HclNode
    permits HclNode.Text, HclNode.Num, HclNode.Bool, HclNode.Items, HclNode.Block {

  /** 1-based line where the value starts. */
  int line();

  /** 1-based column where the value starts. */
  int column();

  /** What kind of value this is, for error messages ("a string", "a list"). */
  String kind();

  /** A string. */
  record Text(String value, int line, int column) implements HclNode {
    @Override
    public String kind() {
      return "a string";
    }
  }

  /** A number: a {@link Long} when integral and in range, else a {@link Double}. */
  record Num(Number value, int line, int column) implements HclNode {
    @Override
    public String kind() {
      return "a number";
    }
  }

  /** {@code true} or {@code false}. */
  record Bool(boolean value, int line, int column) implements HclNode {
    @Override
    public String kind() {
      return "a boolean";
    }
  }

  /** A list {@code [a, b]}. */
  record Items(List<HclNode> items, int line, int column) implements HclNode {
    @Override
    public String kind() {
      return "a list";
    }
  }

  /** An object or block body: entries in order, keys may repeat (several {@code path} blocks). */
  record Block(List<Entry> entries, int line, int column) implements HclNode {
    @Override
    public String kind() {
      return "an object";
    }
  }

  /** One {@code key = value} (or {@code key "label" { ... }}) inside a block. */
  record Entry(String key, HclNode value, int line, int column) {}
}

/// The version of Accord, written into the metadata of every contract it writes.
public enum AccordVersion {
  public static let current = "0.1.0"
}

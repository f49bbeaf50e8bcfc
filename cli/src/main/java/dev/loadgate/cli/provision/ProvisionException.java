package dev.loadgate.cli.provision;

/**
 * Provisioning stopped: the target answered what provisioning cannot go on from. The message names
 * the call and stands alone; what was created before stays, and a second run continues from it.
 */
public final class ProvisionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProvisionException(String message) {
    super(message);
  }
}

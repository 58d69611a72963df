package dev.flightdelay.operator.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.apache.http.conn.DnsResolver;

/**
 * Resolves a host for a connection a tenant chose the target of (a seed URL, a DataBucket's own
 * S3 endpoint, a SparkHost's own EC2 endpoint) and refuses it when any answer is in an internal
 * range. Given to the HTTP client as its resolver, so the address checked is the address
 * connected to: no second lookup a DNS answer could change in between.
 */
public final class AddressCheckingResolver implements DnsResolver {

  /** A host that resolves into a refused range; nothing was sent to it. */
  public static final class RefusedAddress extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    RefusedAddress(String message) {
      super(message);
    }
  }

  private final SeedAddressPolicy policy;
  private final String purpose;

  /** @param purpose what connects, for the message: "seeds", "a resource's own endpoint" */
  public AddressCheckingResolver(SeedAddressPolicy policy, String purpose) {
    this.policy = policy;
    this.purpose = purpose;
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    InetAddress[] addresses = InetAddress.getAllByName(host);
    for (InetAddress address : addresses) {
      Optional<Cidr> range = policy.refusedRange(address);
      if (range.isPresent()) {
        throw new RefusedAddress("host " + host + " resolves to " + address.getHostAddress() + ", in " + range.get()
            + ", an internal range " + purpose + " may not reach (FLIGHTDELAY_SEED_ALLOWED_CIDRS)");
      }
    }
    return addresses;
  }
}

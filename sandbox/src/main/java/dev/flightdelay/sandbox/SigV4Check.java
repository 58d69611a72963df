package dev.flightdelay.sandbox;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an S3 request's AWS Signature Version 4 (the Authorization header form the AWS SDKs
 * send) against one key pair: for the requests the S3 gateway answers itself, which s3proxy
 * never sees.
 */
final class SigV4Check {

  private static final Pattern AUTHORIZATION = Pattern.compile(
      "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})");
  private static final HexFormat HEX = HexFormat.of();

  private final String accessKeyId;
  private final String secretAccessKey;

  SigV4Check(String accessKeyId, String secretAccessKey) {
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
  }

  /**
   * @param rawPath the path as sent (percent-encoded)
   * @param rawQuery the query as sent, or null
   * @param header a request header's value by name (any case), or null
   * @return true when the request is signed with this key pair and its body is the one signed
   */
  boolean signed(String method, String rawPath, String rawQuery, Function<String, String> header, byte[] body) {
    String authorization = header.apply("Authorization");
    String amzDate = header.apply("X-Amz-Date");
    String payloadHash = header.apply("X-Amz-Content-Sha256");
    if (authorization == null || amzDate == null || payloadHash == null) {
      return false;
    }
    Matcher auth = AUTHORIZATION.matcher(authorization);
    if (!auth.matches() || !auth.group(1).equals(accessKeyId) || !amzDate.startsWith(auth.group(2))) {
      return false;
    }
    if (!payloadHash.equals("UNSIGNED-PAYLOAD") && !payloadHash.equals(HEX.formatHex(sha256(body)))) {
      return false;
    }
    StringBuilder canonical = new StringBuilder()
        .append(method).append('\n')
        .append(rawPath.isEmpty() ? "/" : rawPath).append('\n')
        .append(canonicalQuery(rawQuery)).append('\n');
    for (String name : auth.group(5).split(";")) {
      String value = header.apply(name);
      canonical.append(name).append(':').append(value == null ? "" : value.strip().replaceAll("\\s+", " ")).append('\n');
    }
    canonical.append('\n').append(auth.group(5)).append('\n').append(payloadHash);
    String scope = auth.group(2) + "/" + auth.group(3) + "/" + auth.group(4) + "/aws4_request";
    String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
        + HEX.formatHex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), auth.group(2));
    key = hmac(key, auth.group(3));
    key = hmac(key, auth.group(4));
    key = hmac(key, "aws4_request");
    return MessageDigest.isEqual(HEX.formatHex(hmac(key, toSign)).getBytes(StandardCharsets.US_ASCII),
        auth.group(6).getBytes(StandardCharsets.US_ASCII));
  }

  /** Parameters sorted by name, names and values encoded as SigV4 wants (RFC 3986, %20 for space). */
  private static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<Map.Entry<String, String>> parameters = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      parameters.add(Map.entry(encode(decode(eq < 0 ? pair : pair.substring(0, eq))),
          encode(decode(eq < 0 ? "" : pair.substring(eq + 1)))));
    }
    parameters.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
    return String.join("&", parameters.stream().map(p -> p.getKey() + "=" + p.getValue()).toList());
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "SigV4Check[" + accessKeyId + "]";
  }
}

package dev.flightdelay.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.SeedObject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * examples/quickstart/ as the sandbox applies it: the manifests as written (the sandbox's
 * admission makes them local), with a user's --data file in place of the flights table.
 *
 * @param bucket the DataBucket, seeded with the flights table
 * @param analysis the DelayAnalysis of the flights in that bucket
 * @param manifests each object as its file has it (JSON), which kubectl apply records in
 *     kubectl.kubernetes.io/last-applied-configuration
 */
record Quickstart(DataBucket bucket, DelayAnalysis analysis, Map<String, String> manifests) {

  static final String NAMESPACE = "default";
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private static final ObjectMapper SORTED =
      Serialization.jsonMapper().copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  static Quickstart load(Path dir) {
    DataBucket bucket = null;
    DelayAnalysis analysis = null;
    Map<String, String> manifests = new LinkedHashMap<>();
    for (GenericKubernetesResource object : objects(dir)) {
      String json = Serialization.asJson(object);
      switch (object.getKind()) {
        case "DataBucket" -> bucket = Serialization.unmarshal(json, DataBucket.class);
        case "DelayAnalysis" -> analysis = Serialization.unmarshal(json, DelayAnalysis.class);
        default -> throw new IllegalStateException(dir + " holds a " + object.getKind() + ": the sandbox expects a DataBucket and a DelayAnalysis");
      }
      manifests.put(object.getKind(), lastApplied(object));
    }
    if (bucket == null || analysis == null || analysis.getSpec().getDataBucketRef() == null
        || !bucket.getMetadata().getName().equals(analysis.getSpec().getDataBucketRef().getName())) {
      throw new IllegalStateException(dir + " must hold a DataBucket and a DelayAnalysis of that bucket's data");
    }
    return new Quickstart(bucket, analysis, manifests);
  }

  /**
   * Where the sandbox serves a copy of each seed URL of the DataBucket: the repository holds the
   * quick start's files (the nycflights13 flights table and its airlines), so it needs no network.
   */
  Map<String, URI> serveLocalCopies(DataFileServer files, Checkout checkout) {
    Map<String, URI> copies = new LinkedHashMap<>();
    for (SeedObject seed : bucket.getSpec().getSeed()) {
      if (seed.getUrl() == null) {
        continue;
      }
      String name = seed.getKey().substring(seed.getKey().lastIndexOf('/') + 1);
      URI local = switch (name) {
        // the same table the public flights.csv holds, as the plain CSV its key promises
        case "flights.csv" -> files.serveGunzipped(name, checkout.flights());
        case "airlines.csv" -> files.serve(name, checkout.airlines());
        default -> throw new IllegalStateException("the quick start seeds " + seed.getKey()
            + ", of which the sandbox has no copy in data/");
      };
      copies.put(seed.getUrl(), local);
    }
    return copies;
  }

  /**
   * The quick start on the user's file, served at url: the bucket seeds it too (as data/NAME),
   * and the analysis reads it. What the files say is kept otherwise, so that kubectl apply of
   * examples/quickstart/ later turns the sandbox back to the quick start as written.
   */
  Quickstart withData(Path file, URI url) {
    String key = "data/" + file.getFileName();
    DataBucket ownBucket = Serialization.clone(bucket);
    SeedObject data = new SeedObject();
    data.setKey(key);
    data.setUrl(url.toString());
    List<SeedObject> seeds = new ArrayList<>(ownBucket.getSpec().getSeed());
    seeds.add(data);
    ownBucket.getSpec().setSeed(seeds);
    DelayAnalysis ownAnalysis = Serialization.clone(analysis);
    ownAnalysis.getSpec().setKey(key);
    return new Quickstart(ownBucket, ownAnalysis, manifests);
  }

  /** Creates both objects as kubectl apply would, through client (the sandbox's API endpoint). */
  void apply(KubernetesClient client) {
    for (HasMetadata object : List.of(bucket, analysis)) {
      HasMetadata copy = Serialization.clone(object);
      copy.getMetadata().setNamespace(NAMESPACE);
      Map<String, String> annotations = new LinkedHashMap<>();
      if (copy.getMetadata().getAnnotations() != null) {
        annotations.putAll(copy.getMetadata().getAnnotations());
      }
      annotations.put(LAST_APPLIED, manifests.get(object.getKind()));
      copy.getMetadata().setAnnotations(annotations);
      client.resource(copy).inNamespace(NAMESPACE).create();
    }
  }

  /**
   * The object as kubectl apply records it: keys sorted, the namespace filled in, annotations
   * without this one, a newline at the end; so that applying the same file again changes nothing.
   */
  private static String lastApplied(GenericKubernetesResource object) {
    ObjectNode tree = SORTED.valueToTree(object);
    ObjectNode metadata = tree.withObjectProperty("metadata");
    metadata.put("namespace", NAMESPACE);
    if (!metadata.has("annotations")) {
      metadata.putObject("annotations");
    }
    try {
      return SORTED.writeValueAsString(SORTED.treeToValue(tree, Object.class)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<GenericKubernetesResource> objects(Path dir) {
    List<GenericKubernetesResource> objects = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          objects.add(Serialization.unmarshal(in, GenericKubernetesResource.class));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
    return objects;
  }
}

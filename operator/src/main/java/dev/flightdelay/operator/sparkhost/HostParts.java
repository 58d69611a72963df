package dev.flightdelay.operator.sparkhost;

import java.security.SecureRandom;

/** The cloud and cluster pieces a SparkHost is made of, each driven by its own class. */
record HostParts(ImageLookup images, SecurityGroups securityGroups, KeyPairs keyPairs, InstanceProfiles profiles,
    Instances instances, AccessSecret secrets, CloudConfig cloudConfig, SecureRandom random) {}

package dev.custos.service.macaroon;

import dev.custos.core.macaroon.Macaroon;
import dev.custos.core.macaroon.RootKeyId;

/** A freshly baked macaroon and the root key id it was minted under (delete it to revoke). */
public record BakedMacaroon(RootKeyId rootKeyId, Macaroon macaroon) {}

/** Java support for vendor adapters, one package per system: mappers, token lifecycles, health. */
package io.switchboard.connectors;

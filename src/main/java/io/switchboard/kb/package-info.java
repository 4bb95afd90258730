/** The knowledge base capability, whichever vendor serves it: the KB endpoint's checks and the warm-up of its cache. */
package io.switchboard.kb;

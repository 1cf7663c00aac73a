/** DIDComm problem codes (report-problem 2.0) and the checked exception every DIDComm failure derives from.
 *  Depends on nothing but the JDK, so every other didcomm package may use it. */
package dev.parley.didcomm.problem;

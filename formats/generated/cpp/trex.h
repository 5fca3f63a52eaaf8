// Generated from formats/specs/trex.ksy by kaitai-struct-compiler 0.11.0.
// Do not edit: change the spec and regenerate with
//   node formats/compile.js  (after: npm ci --prefix formats)
#ifndef TREX_H_
#define TREX_H_

// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

class trex_t;

#include "kaitai/kaitaistruct.h"
#include <stdint.h>
#include "tunka_link.h"
#include <vector>

#if KAITAI_STRUCT_VERSION < 11000L
#error "Incompatible Kaitai Struct C++/STL API: version 0.11 or later is required"
#endif

/**
 * Raw data of the Tunka-Rex radio array, recorded through the Tunka optical
 * link. Identical to Tunka-133 except that a link holds 4 packages. A file has
 * no header: link records until end of file (28 links in the sample `trex`).
 * Times of day only, no date.
 * \sa ../shared/formats/TAIGA-FORMATS.md section 5
 */

class trex_t : public kaitai::kstruct {

public:

    trex_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent = 0, trex_t* p__root = 0);

private:
    void _read();
    void _clean_up();

public:
    ~trex_t();

private:
    std::vector<tunka_link_t*>* m_links;
    trex_t* m__root;
    kaitai::kstruct* m__parent;

public:

    /**
     * Links of 4 packages until end of file.
     */
    std::vector<tunka_link_t*>* links() const { return m_links; }
    trex_t* _root() const { return m__root; }
    kaitai::kstruct* _parent() const { return m__parent; }
};

#endif  // TREX_H_

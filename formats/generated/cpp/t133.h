// Generated from formats/specs/t133.ksy by kaitai-struct-compiler 0.11.0.
// Do not edit: change the spec and regenerate with
//   node formats/compile.js  (after: npm ci --prefix formats)
#ifndef T133_H_
#define T133_H_

// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

class t133_t;

#include "kaitai/kaitaistruct.h"
#include <stdint.h>
#include "tunka_link.h"
#include <vector>

#if KAITAI_STRUCT_VERSION < 11000L
#error "Incompatible Kaitai Struct C++/STL API: version 0.11 or later is required"
#endif

/**
 * Raw data of the Tunka-133 Cherenkov array (and the Tunka-Grande link of the
 * same DAQ). A file has no header: it is a sequence of link records of 32
 * packages plus one info block until end of file (119 links in the sample
 * `t133`). Times of day only, no date. The precise stamps of the sample equal
 * those of the Tunka-Grande sample minus 0.610 microseconds: both record the
 * same 119 events.
 * \sa ../shared/formats/TAIGA-FORMATS.md section 3
 */

class t133_t : public kaitai::kstruct {

public:

    t133_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent = 0, t133_t* p__root = 0);

private:
    void _read();
    void _clean_up();

public:
    ~t133_t();

private:
    std::vector<tunka_link_t*>* m_links;
    t133_t* m__root;
    kaitai::kstruct* m__parent;

public:

    /**
     * Links of 32 packages until end of file.
     */
    std::vector<tunka_link_t*>* links() const { return m_links; }
    t133_t* _root() const { return m__root; }
    kaitai::kstruct* _parent() const { return m__parent; }
};

#endif  // T133_H_

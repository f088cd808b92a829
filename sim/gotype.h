// gclab — the object model's types: a name, a size and which words hold pointers.
//
// Models: the parts of runtime._type (src/runtime/type.go) that allocation and marking read: size,
// ptrdata and the pointer bitmap (here a list of pointer-word indices). Arrays ("make([]T, n)") are
// interned as their own types, as the compiler would describe the backing array.
// Simplifications: no GC programs, no interface/method data; a type is only what the heap needs.
#pragma once

#include "sim/base.h"

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace gclab {

using TypeId = std::uint32_t;

struct GoType {
    std::string name;
    uintptr size = 0;
    std::vector<std::uint32_t> ptrWords; // word index of every pointer field, ascending
    uintptr ptrdata = 0;                 // bytes up to and including the last pointer word

    bool noscan() const { return ptrWords.empty(); }
    std::uint32_t numPtrs() const { return static_cast<std::uint32_t>(ptrWords.size()); }
};

class TypeRegistry {
  public:
    // tinyBlockType describes a 16-byte tiny-allocator block, which holds several noscan objects.
    static constexpr TypeId tinyBlockType = 0;

    TypeRegistry();

    // define adds a type; ptrWords must be ascending word indices below size/8.
    TypeId define(std::string name, uintptr size, std::vector<std::uint32_t> ptrWords);
    // arrayOf returns the (interned) type [n]elem.
    TypeId arrayOf(TypeId elem, uintptr n);
    // find returns the type with this name, or false.
    bool find(const std::string& name, TypeId& out) const;

    const GoType& operator[](TypeId t) const { return types_[t]; }
    std::size_t size() const { return types_.size(); }

  private:
    std::deque<GoType> types_; // a deque: a GoType& stays valid while more types are defined
    std::map<std::pair<TypeId, uintptr>, TypeId> arrays_;
    std::map<std::string, TypeId> byName_;
};

} // namespace gclab

// gclab — MHeap's storage for mspan records: indexed by SpanId, addresses stable as it grows, and
// shared between copies of the Runtime until one of them changes a record.
//
// Models: mheap_.spanalloc (a fixalloc of mspan structs) in src/runtime/mheap.go. Records live in
// fixed-capacity chunks so that a reference stays valid when more spans are added, and indexing is
// a shift and a mask. The Go runtime is never copied; the model is (keyframes, forks), so a copy
// shares every chunk and whichever side first changes a record copies that one chunk (copy on write).
// A snapshot of a large heap then costs only the chunks that change before the next one.
#pragma once

#include "sim/mspan.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace gclab {

class SpanStore {
  public:
    static constexpr std::size_t chunkShift = 6; // 64 records: the unit copies share
    static constexpr std::size_t chunkSize = std::size_t{1} << chunkShift;

    SpanStore() = default;
    SpanStore(const SpanStore& o) : chunks_(o.chunks_), owned_(o.chunks_.size(), 0), size_(o.size_) {
        o.disown();
    }
    SpanStore& operator=(const SpanStore& o) {
        if (this != &o) {
            chunks_ = o.chunks_;
            owned_.assign(chunks_.size(), 0);
            size_ = o.size_;
            o.disown();
        }
        return *this;
    }
    SpanStore(SpanStore&&) noexcept = default;
    SpanStore& operator=(SpanStore&&) noexcept = default;

    MSpan& operator[](std::size_t i) {
        std::size_t c = i >> chunkShift;
        if (owned_[c] == 0)
            own(c);
        return (*chunks_[c])[i & (chunkSize - 1)];
    }
    const MSpan& operator[](std::size_t i) const { return (*chunks_[i >> chunkShift])[i & (chunkSize - 1)]; }
    std::size_t size() const { return size_; }

    void emplace_back() {
        if ((size_ & (chunkSize - 1)) == 0) {
            chunks_.push_back(std::make_shared<Chunk>());
            chunks_.back()->reserve(chunkSize);
            owned_.push_back(1);
        } else if (owned_.back() == 0) {
            own(chunks_.size() - 1);
        }
        chunks_.back()->emplace_back();
        size_++;
    }

    // sharesChunkWith says whether the chunk holding record i is the same storage in o (so a copy
    // costs nothing for it).
    bool sharesChunkWith(const SpanStore& o, std::size_t i) const {
        std::size_t c = i >> chunkShift;
        return c < o.chunks_.size() && chunks_[c] == o.chunks_[c];
    }

  private:
    using Chunk = std::vector<MSpan>;

    // own gives this store its own copy of chunk c before a record in it changes.
    void own(std::size_t c) {
        if (chunks_[c].use_count() > 1) {
            auto copy = std::make_shared<Chunk>();
            copy->reserve(chunkSize);
            copy->insert(copy->end(), chunks_[c]->begin(), chunks_[c]->end());
            chunks_[c] = std::move(copy);
        }
        owned_[c] = 1;
    }
    // disown marks every chunk shared: called on the source of a copy.
    void disown() const { std::fill(owned_.begin(), owned_.end(), std::uint8_t{0}); }

    std::vector<std::shared_ptr<Chunk>> chunks_;
    mutable std::vector<std::uint8_t> owned_; // 1: no other store holds chunks_[c]
    std::size_t size_ = 0;
};

} // namespace gclab
